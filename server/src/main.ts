import { serve } from './server.js';
import { AppError } from './platform/errors.js';

serve().catch((e: unknown) => {
  console.error(e instanceof AppError ? e.message : e);
  process.exit(1);
});
