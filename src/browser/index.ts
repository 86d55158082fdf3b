export * from './find-chromium.js';
export * from './launch.js';
export * from './user-agent.js';
