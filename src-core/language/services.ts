// Every file kind the product serves, in the order they are asked whether they recognise a file
// (the first that does wins: put the most specific first).
import type { DocumentService } from './service';
import { ascConfigDistService, ascConfigHeaderService, nxUserHeaderService } from '../config/services/config-services';
import { profileService } from '../baseline/services/profile-service';
import { baselineService } from '../baseline/services/baseline-service';
import { feedService } from '../intel/service';

export const documentServices: DocumentService[] = [
  nxUserHeaderService,
  ascConfigHeaderService,
  ascConfigDistService,
  profileService,
  baselineService,
  feedService,
];

export function serviceFor(path: string, text: string): DocumentService | undefined {
  return documentServices.find((s) => s.recognizes(path, text));
}
