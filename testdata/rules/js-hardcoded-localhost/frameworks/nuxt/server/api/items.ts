export default defineEventHandler(async () => {
  return await $fetch("http://localhost:4000/items");
});
