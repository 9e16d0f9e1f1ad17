import { execSync } from 'child_process';

const port = 3000;

async function main() {
  execSync('docker compose up -d --build', { stdio: 'inherit' });
  const res = await fetch(`http://localhost:${port}/api/health`);
  console.log(res.status);
  execSync('docker compose down');
}

main();
