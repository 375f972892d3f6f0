import { createContext, useContext } from 'react';

/** The id of the node that serves this desk (its own agency's). */
export const DeskNodeContext = createContext('');

export const useDeskNode = (): string => useContext(DeskNodeContext);
