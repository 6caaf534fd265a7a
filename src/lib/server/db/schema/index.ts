export * from './unit';
export * from './auth';
export * from './audit';
export * from './law';
export * from './scenario';
export * from './drill';
export * from './document';
export * from './training';
