/**
 * The classic script at the top of index.html (built alone as first-answers.js by electron.vite.config.ts): asks
 * for the first screen's answers before the app's own script has loaded (see api/first-answers.ts).
 */
import { startFirstAnswers } from './api/first-answers';

startFirstAnswers();
