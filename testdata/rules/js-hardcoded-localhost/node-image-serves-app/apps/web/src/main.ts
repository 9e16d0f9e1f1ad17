import { getApiUrl } from "./get-api-url";
fetch(getApiUrl("tasks")).then((r) => r.json()).then(console.log);
