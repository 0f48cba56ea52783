// Warn a signed-in user before the 30-minute idle sign-out, and let them stay signed in.
// The server enforces the timeout whatever happens here; this only gives people a chance to act
// (WCAG 2.2.1 Timing Adjustable). The dialog is a native <dialog>, so focus is trapped and
// Escape works; its text is announced because it has role="alertdialog".
export function initTimeoutWarning(body = document.body) {
  const timeout = Number(body.dataset.idleTimeout || 0) * 1000;
  const warning = Number(body.dataset.idleWarning || 0) * 1000;
  const dialog = document.getElementById("timeout-warning");
  if (!timeout || !dialog || typeof dialog.showModal !== "function") return;

  const stay = dialog.querySelector("[data-timeout-stay]");
  const csrf = dialog.querySelector("input[name=csrfmiddlewaretoken]");
  let warnTimer;
  let outTimer;

  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(outTimer);
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(timeout - warning, 0));
    outTimer = setTimeout(() => {
      window.location.href = body.dataset.timedOutUrl;
    }, timeout);
  };

  stay.addEventListener("click", async (event) => {
    event.preventDefault();
    await fetch(body.dataset.keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
    });
    dialog.close();
    schedule();
  });
  schedule();
}
