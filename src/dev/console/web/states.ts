/** One colour per resource state, for badges, the chart and the timeline. */
export const STATE_COLORS: Record<string, string> = {
  Online: '#2e7d32',
  OnlinePending: '#f9a825',
  OfflinePending: '#ef8f00',
  Offline: '#9e9e9e',
  Failed: '#c62828',
  Initializing: '#6a1b9a',
};

export const OTHER_STATE_COLOR = '#6a1b9a';

export const stateColor = (state: string) => STATE_COLORS[state] ?? OTHER_STATE_COLOR;

/** Text on a badge of that colour. */
export const stateText = (state: string) =>
  state === 'OnlinePending' || state === 'OfflinePending' ? '#1a1a1a' : '#ffffff';
