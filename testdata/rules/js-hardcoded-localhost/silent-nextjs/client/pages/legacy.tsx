import axios from "axios";

export default function Legacy({ items }: { items: string[] }) {
  const reload = () => axios.get("http://localhost:3001/api/items");
  return <button onClick={reload}>{items.length}</button>;
}

export async function getServerSideProps() {
  const { data } = await axios.get(`${process.env.API_URL}/api/items?page=${1}`);
  return { props: { items: data } };
}
