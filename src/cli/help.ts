// Usage texts, kept apart from the commands so `--help` loads no simulator code.

export const MAIN_HELP = `Usage: repsim <command> [options]

A deterministic simulator of primary/replica database replication.

Commands:
  run [FILE]        run a scenario (default: the photo-upload scenario) and print its report
  check FILE...     run scenarios and evaluate their \`expect\` lines
  validate FILE...  parse and validate scenarios without running them

Options:
  -h, --help        show help (also: repsim <command> --help)
  --version         print the version

Exit codes: 0 ok, 1 an expectation failed, 2 bad input, 3 internal error.
Set REPSIM_DEBUG=1 to see stack traces of internal errors.
`;

export const RUN_HELP = `Usage: repsim run [FILE] [options]

Runs one scenario and prints its report. Without FILE, runs the bundled
photo-upload scenario (scenarios/photo-upload.yaml).

Options:
  --seed N             override the scenario's seed (a non-negative integer)
  --duration D         override the simulated duration (250us, 20ms, 1.5s, 2m; bare = ms)
  --format table|json  human-readable table (default) or one JSON report object
  --trace OUT.ndjson   write every trace record as one JSON line, the meta record first
  --allow-large        run even when the work estimate is over budget (about
                       50 million events or 1 GB of state); otherwise such a run
                       is refused up front with the fields that drive it
  -q, --quiet          no progress line on stderr (shown for runs over 2 s when
                       stderr is a terminal)
  -h, --help           show this help

Exit codes: 0 ok, 1 an expect line failed, 2 bad input, 3 internal error.
`;

export const CHECK_HELP = `Usage: repsim check FILE...

Runs each scenario with its own seed and duration and evaluates its \`expect\`
lines, printing ✓ or ✗ for each line of each file. A lesson's events must happen
and its quiz answers must agree with the run. A course file (\`course:\`) is
validated, not run.

Options:
  --allow-large  run files whose work estimate is over budget (see run --help)
  -q, --quiet    no progress line on stderr
  -h, --help     show this help

Exit codes: 0 every expectation passed, 1 one failed (or a lesson is broken), 2 a file is invalid
(the other files are still checked), 3 internal error (likewise).
`;

export const VALIDATE_HELP = `Usage: repsim validate FILE...

Parses and validates each scenario without running it. Prints \`ok FILE\` for a
valid file, or its problems as file:line:column: path: message. A course file
(\`course:\`) must name lessons that exist next to it and are lessons.

Options:
  -h, --help   show this help

Exit codes: 0 all valid, 2 at least one file is invalid.
`;
