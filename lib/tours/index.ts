import { adminTour } from './admin';
import { faultsTour } from './faults';
import { firstLookTour } from './first-look';
import { gisServiceTour } from './gis-service';
import { storageTour } from './storage';
import type { Tour } from './types';

/** The tours in the order the Tours menu lists them. */
export const tours: Tour[] = [firstLookTour, gisServiceTour, storageTour, adminTour, faultsTour];

export const tourById = (id: string) => tours.find((t) => t.id === id);
