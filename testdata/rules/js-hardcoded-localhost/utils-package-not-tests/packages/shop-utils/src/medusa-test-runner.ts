import { startApp } from "@shop/framework"

export async function setupApi() {
  const { port } = await startApp()
  const { default: axios } = (await import("axios")) as any
  return axios.create({ baseURL: `http://localhost:${port}` })
}
