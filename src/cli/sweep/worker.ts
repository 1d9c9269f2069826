// The pool worker: runs each job it is sent and replies with its output (see pool.ts).
import { parentPort } from 'node:worker_threads';
import { BadInputError } from '../exit-codes.ts';
import { runConfig } from './run-config.ts';
import type { WorkerReply, WorkerRequest } from './pool.ts';

const port = parentPort!;
port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { position: request.position, output: runConfig(request.config, request.metrics) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = { position: request.position, error: message, badInput: error instanceof BadInputError };
  }
  port.postMessage(reply);
});
