// Every file kind the product serves, in the order they are asked whether they recognise a file
// (the first that does wins: put the most specific first).
import type { DocumentService } from './service';

export const documentServices: DocumentService[] = [
];

export function serviceFor(path: string, text: string): DocumentService | undefined {
  return documentServices.find((s) => s.recognizes(path, text));
}
