import '@testing-library/jest-dom';

// jsdom has no ResizeObserver; the charts' responsive container needs one
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// component tests render whole pages with MUI; on a loaded 2-core machine
// one can take longer than jest's 5 s default without anything being wrong
jest.setTimeout(30_000);
