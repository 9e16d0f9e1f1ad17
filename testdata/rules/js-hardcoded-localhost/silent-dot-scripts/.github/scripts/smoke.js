const res = await fetch('http://localhost:3001/api/status');
console.log(res.status);
