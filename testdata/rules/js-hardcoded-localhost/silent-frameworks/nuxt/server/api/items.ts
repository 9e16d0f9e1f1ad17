export default defineEventHandler(async () => {
  return await $fetch(`${process.env.NUXT_API_URL ?? "http://localhost:4000"}/items`);
});
