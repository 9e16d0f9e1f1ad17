import { resources } from "./shared/resources";

export function mount(el) {
  const frame = document.createElement("iframe");
  frame.src = resources.IFRAME_URL;
  el.appendChild(frame);
  return fetch(resources.API_URL + "/v1/widgets/session", { method: "POST" });
}
