// NHS.UK frontend's components (header menu, error summary focus, password show/hide …).
// Pages work without it: it only enhances them.
import { initAll } from './nhsuk-frontend.min.js';

initAll();
