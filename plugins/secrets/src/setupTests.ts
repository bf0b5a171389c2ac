import '@testing-library/jest-dom';

// jsdom has no ResizeObserver; the charts' responsive container needs one
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
