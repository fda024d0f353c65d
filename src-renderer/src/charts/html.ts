/**
 * Text made safe for a tooltip's HTML (ECharts escapes a template formatter's values, not a
 * function's result). Its own module, without ECharts: the chart builders that use it are pure
 * and run in Node (the stores' tests, the engine's own checks), where ECharts cannot load.
 */
export const encodeHTML = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
