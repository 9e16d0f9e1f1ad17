import pg from 'pg';

// Run by CI against the database it starts on the runner.
const pool = new pg.Pool({ database: 'logto', user: 'postgres', password: 'postgres' });
await pool.query('select 1');
