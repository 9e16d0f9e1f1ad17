test("renders", async () => { await fetch("http://localhost:3000/api/items"); });
