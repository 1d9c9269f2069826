/**
 * What to do about a failure that is not a scenario error: the engine threw, or the browser
 * ran out of memory simulating the run or handing its trace to the page.
 */
export function adviceFor(message: string): string {
  if (/out of memory|allocation failed|invalid (typed )?array length|invalid string length|cannot be cloned/i.test(message))
    return 'The browser ran out of memory for this run. Shorten it (duration), lower its rates or use fewer replicas, or run it with the command line (`repsim run FILE`), which keeps no trace.';
  return 'This looks like a bug in repsim: the command line (`REPSIM_DEBUG=1 repsim run FILE`) shows where it happened. Opening another scenario works as before.';
}
