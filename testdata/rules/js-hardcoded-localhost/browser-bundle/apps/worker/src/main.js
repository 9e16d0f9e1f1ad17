setInterval(async () => {
  await fetch("http://localhost:3000/jobs/next", { method: "POST" });
}, 5000);
