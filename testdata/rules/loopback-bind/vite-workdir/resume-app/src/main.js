export const app = "resume";
