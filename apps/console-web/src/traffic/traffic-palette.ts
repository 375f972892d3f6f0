// Colours of the traffic charts, each line also with its own dash so that colour is not the only
// difference. Picked to stay apart for the common colour-vision deficiencies (Okabe and Ito).

export const FLOW_STYLE = {
  accepted: { colour: '#0072b2', dash: undefined },
  delivered: { colour: '#009e73', dash: '8 4' },
  deadLettered: { colour: '#d55e00', dash: '2 3' },
} as const;

const REASON_COLOURS = [
  '#e69f00',
  '#56b4e9',
  '#cc79a7',
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#f0e442',
  '#000000',
];

/** The fill of a rejection reason by its place in the series' reasons, which stays put across refreshes. */
export const reasonColour = (index: number): string => REASON_COLOURS[index % REASON_COLOURS.length]!;
