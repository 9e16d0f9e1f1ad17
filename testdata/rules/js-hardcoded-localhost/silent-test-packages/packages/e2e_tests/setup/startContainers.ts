import { execSync } from 'child_process';

async function waitForHealthy(port: number): Promise<void> {
  for (;;) {
    const res = await fetch(`http://localhost:${port}/api/health`);
    if (res.status === 200) return;
  }
}

export default async function setup() {
  execSync('docker compose up -d --build', { stdio: 'inherit' });
  await waitForHealthy(3000);
}
