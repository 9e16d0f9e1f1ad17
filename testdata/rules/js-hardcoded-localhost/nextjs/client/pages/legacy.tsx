import axios from "axios";

export default function Legacy({ items }: { items: string[] }) {
  // The component also renders in the browser: this call is right.
  const reload = () => axios.get("http://localhost:3001/api/items");
  return <button onClick={reload}>{items.length}</button>;
}

export async function getServerSideProps() {
  const { data } = await axios.get(`http://localhost:3000/api/items?page=${1}`);
  return { props: { items: data } };
}
