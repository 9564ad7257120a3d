export { CSV_COLUMNS, recordsToCsv, recordsToNdjson } from './records';
export { escapeHtml, recordToHtml } from './html';
export { jobToJson } from './json';
