import { z } from 'zod';
import { id, op } from './op';

export const templatesContract = {
  'templates.export': op(
    z.object({ periodId: id, unitCodes: z.array(z.string()).optional(), zip: z.boolean().optional() }).strict(),
  ).returns<{ files: Array<{ unit: string | null; name: string; bytes: Uint8Array }> }>(),
};
