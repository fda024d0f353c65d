/**
 * A read that runs one at a time. Answers to overlapping reads can land out of order (a browser
 * answers requests on several connections), so an older read landing last would put back a state
 * already left, such as a header still saying "running" after its search completed. Asked while a
 * read is under way, it reads once more when that read ends (however many times it was asked
 * meanwhile). The promise resolves once a read that began after the call has been applied.
 */
export function serialReads(read: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await read();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
