export const title = "site";
