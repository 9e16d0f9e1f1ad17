// Runs in the browser after hydration too: not judged.
export const useItems = () => useFetch("http://localhost:4000/items");
