// How a long-running command (sandbox, mock) learns that it should stop: SIGINT or SIGTERM, or, when npm or
// npx started it, the end of the shell that npm puts between itself and the command.
//
// Why the last one: npm 11 runs a script or an npx bin as `sh -c "<command>"` and hands a SIGTERM or SIGINT it
// receives to that shell only. dash (/bin/sh on Debian and Ubuntu) dies of it without passing it on, so the
// command was left orphaned and still listening: `npm start & … kill %1` left the port taken. An orphan sees
// its parent process change, which is what is watched for. Only under npm (`npm_command` set): a command
// started from a plain shell and deliberately left running (nohup, disown) keeps running when that shell ends.
export type StopReason = NodeJS.Signals | 'parent-exited';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const PARENT_POLL_MS = 200;

/**
 * Call `stop` for every SIGINT/SIGTERM, and once when npm's shell has gone; returns the function that stops
 * listening (call it when the command has stopped, so the process can end).
 */
export function onStopRequest(stop: (reason: StopReason) => void, env: NodeJS.ProcessEnv = process.env): () => void {
  const parent = process.ppid;
  const onSignal = (signal: NodeJS.Signals) => stop(signal);
  for (const s of SIGNALS) process.on(s, onSignal);
  const watch = env.npm_command
    ? setInterval(() => {
        if (process.ppid === parent) return;
        clearInterval(watch);
        stop('parent-exited');
      }, PARENT_POLL_MS).unref()
    : undefined;
  return () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    clearInterval(watch);
  };
}
