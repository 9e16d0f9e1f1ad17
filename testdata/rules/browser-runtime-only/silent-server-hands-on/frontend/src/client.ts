import { getConfig } from "./config";
export const BASE_URL = getConfig("VITE_API_URL_CLIENT");
