import { setFlagsFromString } from 'node:v8';

/**
 * How much bytecode V8's optimising compiler may inline into one function, for the CLI's process.
 *
 * V8's default (920) suits long-running servers. A review is a batch job: every thread of the
 * process optimises the same few hundred engine functions from scratch, on background threads
 * that take turns with the review threads on the same cores. Measured on the 2-core benchmark
 * machine over the 510 contracts of the corpus, one thread: background compiler time 1.4–1.7 s
 * with the default, 1.0–1.1 s with 300, and the review thread no slower (it gets optimised
 * code sooner); with two review threads the corpus took about 9% less wall time. Below about 200
 * the optimised code itself gets slower.
 */
const INLINE_BUDGET = 300;
const INLINE_FLAG = '--max-inlined-bytecode-size-cumulative';

/**
 * How much a function must run before V8 considers optimising it: twice V8's default (67584).
 * Functions that run only a little in a review (loading, compiling the rulebook, rare clause
 * shapes) are then left to the baseline tiers instead of being optimised in every thread, while
 * the hot ones are optimised within the first contracts all the same. Counted with valgrind on a
 * tenth of the corpus in one thread: warm-up 3.45 -> 3.16 G instructions, later passes unchanged
 * (3.03 -> 3.01 G); four times the default saved no more. That count leaves out the compiling,
 * which runs on a spare core; when the review threads fill the cores, compiling is their own
 * work, and a larger budget pays (FULL_CORES_INTERRUPT_BUDGET below).
 */
const INTERRUPT_BUDGET = 135_168;
const BUDGET_FLAG = '--interrupt-budget';

/**
 * Sets the inlining and interrupt budgets for this process (worker threads share them), each
 * unless whoever started Node chose one. Only the CLI calls this: the extension runs in VS Code's
 * process, whose flags are not the extension's to change.
 */
export function tuneCompilerForBatchReview(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): void {
  if (!chosenAtStart(execArgv, INLINE_FLAG)) setFlags(`${INLINE_FLAG}=${INLINE_BUDGET}`);
  if (!chosenAtStart(execArgv, BUDGET_FLAG)) setFlags(`${BUDGET_FLAG}=${INTERRUPT_BUDGET}`);
}

/**
 * V8 work that its helper threads do by default, and that a thread can as well do itself: optimising
 * a function, and the young-generation collections. When there are as many review threads as
 * cores, the helper threads only take turns with the reviews on the same cores, and each turn
 * costs a switch. Measured on the 2-core benchmark machine, corpus with --jobs 2, interleaved
 * runs: CPU of the whole process 6.89 -> 6.72 s, wall time 4% shorter (median). With a core to
 * spare (one review thread on two cores), the helpers run beside the review, so this is only
 * for runs that fill the cores. Set at run time, the scavenge flag applies to every thread, but
 * the compiler flag only to isolates created after it: the review workers, not this thread's
 * own (with --trace-opt over the corpus, the worker compiled 230 functions in its own thread and
 * this thread 264 in the background). Starting Node with the flag, so that this thread compiles
 * in its own turn too, made no difference: six interleaved runs, 3.15 s against 3.14 s. The
 * collector's other helpers (marking, sweeping) must not be changed once the process runs.
 */
const HELPER_FLAGS = ['--no-concurrent-recompilation', '--no-parallel-scavenge'];

/**
 * The interrupt budget when the review threads fill the cores: eight times V8's default. A worker
 * then optimises in its own turn (above), so every function optimised costs the review that time,
 * and a function that is optimised later, or never, is cheaper than one optimised early. Measured
 * on the 2-core benchmark machine, corpus with --jobs 2, five interleaved rounds: wall 3.18 s with
 * the batch budget (twice the default), 3.05, 3.07, 3.03, 3.10 and 3.07 s with 4, 6, 8, 10 and 12
 * times the default; CPU 6.02 -> 5.73 s at 8 times. With a core to spare the compiler runs beside
 * the review and the earlier optimised code wins: --jobs 1 took 3.77 s with the batch budget and
 * 3.93 s with this one, so it is only for runs that fill the cores.
 */
const FULL_CORES_INTERRUPT_BUDGET = 540_672;

/**
 * Lets review threads that fill every core do V8's compiling and scavenging themselves, and
 * optimise less, each unless Node was started with a choice of it.
 */
export function tuneCompilerForFullCores(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): void {
  const unchosen = HELPER_FLAGS.filter((flag) => !chosenAtStart(execArgv, flag.replace(/^--no-/, '--')));
  if (!chosenAtStart(execArgv, BUDGET_FLAG)) unchosen.push(`${BUDGET_FLAG}=${FULL_CORES_INTERRUPT_BUDGET}`);
  if (unchosen.length) setFlags(unchosen.join(' '));
}

/** Whether Node's command line sets `flag` (`--name`, `--no-name`, `--name=value`, in either spelling of the name). */
function chosenAtStart(execArgv: readonly string[], flag: string): boolean {
  const name = flag.replace(/^--/, '').replace(/_/g, '-');
  return execArgv.some((argument) => {
    const given = argument.replace(/^--/, '').replace(/=.*$/, '').replace(/_/g, '-');
    return given === name || given === `no-${name}`;
  });
}
