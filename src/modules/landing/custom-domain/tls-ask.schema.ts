import { z } from 'zod';
import { domainName } from './domain-name.ts';

export const tlsAskQuery = z.object({ domain: domainName });
