export const app = "frontend";
