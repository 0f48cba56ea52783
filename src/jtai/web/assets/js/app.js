// jtai's entry point, loaded as <script type="module">. Initialise every GOV.UK Frontend and MOJ
// Frontend component on the page (elements with a data-module attribute), then our own.
import { initAll as initGovukFrontend } from "./govuk-frontend.min.js";
import { initAll as initMojFrontend } from "./moj-frontend.min.js";
import { initTimeoutWarning } from "./timeout-warning.js";

initGovukFrontend();
initMojFrontend();
initTimeoutWarning();
