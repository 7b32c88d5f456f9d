// Free loopback ports for servers that tests start: the same picker the benchmarks use (scripts/ports.ts).
export { freePort } from '../../scripts/ports.ts';
