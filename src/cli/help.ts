// Usage texts, kept apart from the commands so `--help` loads no simulator code.

export const MAIN_HELP = `Usage: repsim <command> [options]

A deterministic simulator of primary/replica database replication.

Commands:
  run [FILE]        run a scenario (default: the photo-upload scenario) and print its report
  check FILE...     run scenarios and evaluate their \`expect\` lines
  validate FILE...  parse and validate scenarios without running them
  compare A B       run two scenarios on the same seeds; metrics, difference, confidence interval
  sweep FILE        vary scenario fields over a grid × seeds; table, CSV, JSON, SVG plot;
                    on all cores, or sharded across machines (--plan, --run, --merge)

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

export const COMPARE_HELP = `Usage: repsim compare A.yaml B.yaml [options]

Runs both scenarios on the same seeds and prints, for every numeric metric of the
report (e.g. reads.staleFraction, writes.latencyMs.p99), its mean on A, its mean
on B, the mean difference B − A paired by seed and a 95% confidence interval of
that difference (Student t over the seeds). Every random stream is keyed by name,
so both sides see the same users (common random numbers): identical setups give
differences of exactly 0, and a difference is the setup's, not luck's.

Options:
  --seeds N                run seeds S, S+1, …, S+N−1 on each side (default 1: no interval, n/a)
  --seed S                 the first seed (default: A's seed)
  --duration D             override both scenarios' simulated duration (250us, 20ms, 1.5s, 2m)
  --metrics a.b,c.d        only these report paths (default: every numeric metric)
  --format table|json|csv  human-readable table (default), one JSON object, or CSV
  --jobs N                 threads running jobs (default: one per core)
  --allow-large            run even when a side's work estimate is over budget (see run --help)
  -q, --quiet              no progress bar (it is drawn only when stderr is a terminal)
  -h, --help               show this help

Exit codes: 0 ok, 2 bad input, 3 internal error.
`;

export const SWEEP_HELP = `Usage: repsim sweep FILE --vary PATH=SPEC [--vary PATH=SPEC ...] [options]
       repsim sweep FILE --vary ... --plan jobs.ndjson    write the jobs, run nothing
       repsim sweep --run jobs.ndjson --shard I/N [--out results-I.ndjson]
       repsim sweep --merge results-*.ndjson [--csv OUT] [--json OUT] [--svg OUT]

Runs FILE at every combination of the varied values, each with every seed, and
prints the mean and 95% confidence interval (Student t over the seeds) of each
metric at each point.

--vary PATH=SPEC (repeatable):
  PATH=V1,V2,...       a list, e.g. replication.mode=async,semi-sync,sync
  PATH=FROM..TO:N      N evenly spaced values, e.g. network.links.0.latency=1ms..100ms:10
  PATH=FROM..TO:N:log  N log-spaced values, e.g. nodes.1.applyTime=0.1ms..10ms:5:log
  PATH is a path into the scenario document: field names and list indices joined
  by dots. Every varied scenario is validated like a file.

Options:
  --seeds N            seeds S, S+1, …, S+N−1 at every point (default 1)
  --seed S             the first seed (default: the scenario's seed)
  --duration D         override the simulated duration (250us, 20ms, 1.5s, 2m; bare = ms)
  --metrics a.b,c.d    report paths to show (default: reads.staleFraction,
                       writes.lostAcknowledged,writes.latencyMs.p99)
  --jobs N             threads running jobs (default: one per core); results do not depend on it
  --allow-large        run even when a point's work estimate is over budget (see run --help)
  --csv OUT            write one row per point and metric: n, mean, sd, ci_low, ci_high
  --json OUT           write the points, their statistics and every run's value
  --svg OUT            write a plot: the first varied PATH on x, one line per value of the
                       others, one panel per metric, the mean with its confidence band
  -q, --quiet          no progress bar (it is drawn only when stderr is a terminal)
  -h, --help           show this help

Across machines (each job is a scenario document × point × seed, self-contained):
  --plan OUT           write the jobs as NDJSON instead of running them
  --run PLAN           run the jobs of one shard of a plan (--jobs applies)
  --shard I/N          shard I of N, 1 ≤ I ≤ N (jobs I−1, I−1+N, I−1+2N, …)
  --out OUT            where --run writes its results (default: stdout)
  --merge FILE...      combine results files into the same table, CSV, JSON and
                       plot as a local run (byte-identical)

Exit codes: 0 ok, 2 bad input, 3 internal error.
`;
