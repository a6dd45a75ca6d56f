// Routes what the workbench sends to window.codeAutomationLog: lines that came
// from the extension host's console (mocha's reporter, console.log in tests or
// the extension) go to stdout; the workbench's own log lines are kept for
// failure reports and shown only in verbose mode.

// Page-side wrapper: defines window.codeAutomationLog and tags each call with
// whether it originates in MainThreadConsole.$logExtensionHostMessage (method
// names survive minification). Must be installed with page.addInitScript.
export const LOG_INIT_SCRIPT = `
  window.codeAutomationLog = function (level, message) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    const stack = new Error().stack || '';
    Error.stackTraceLimit = limit;
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    return window.__clauseguardLog(level, text, stack.includes('$logExtensionHostMessage'));
  };`;

// Creates the printer; its `log(level, text, fromHost)` is the binding the init script calls.
export function createLogPrinter({ out = process.stdout, err = process.stderr, verbose = false, onFirstHostLine = () => {} } = {}) {
  const all = [];
  const hostLines = [];
  // Prints one message (host output plainly; workbench lines only when verbose) and records it.
  function log(level, text, fromHost) {
    all.push(`${fromHost ? 'host' : 'workbench'} ${level}: ${text}`);
    if (fromHost) {
      if (hostLines.length === 0) onFirstHostLine();
      hostLines.push(text);
      if (hostLines.length > 200) hostLines.shift();
      out.write(`${text}\n`);
    } else if (verbose) {
      err.write(`[workbench ${level}] ${text}\n`);
    }
  }
  // Reports an uncaught error of the workbench page (verbose only; it is also recorded).
  function pageError(error) {
    all.push(`page error: ${error.stack || error.message}`);
    if (verbose) err.write(`[page error] ${error.message}\n`);
  }
  // Returns the last `n` lines of host output (or of everything when the host said nothing).
  function lastLines(n) {
    return (hostLines.length ? hostLines : all).slice(-n).join('\n') || '(nothing yet)';
  }
  // Returns the complete transcript (host and workbench), for failure artifacts.
  function transcript() {
    return all.join('\n');
  }
  return { log, pageError, lastLines, transcript };
}
