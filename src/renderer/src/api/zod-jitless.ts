/**
 * zod never compiles a parser with `new Function` here: the CSP forbids eval, and zod probes for it when an object
 * schema is BUILT, so this runs first (main.tsx imports it before anything else), before any chunk that holds
 * the contract's schemas loads. Only zod's config module comes with it: the first script stays free of zod.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
