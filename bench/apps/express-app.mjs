// The app under test as an ES module: express and http are imported.
// Run: PORT=0 DOWNSTREAM_URL=http://127.0.0.1:<port>/ node [--import <register>] apps/express-app.mjs
// Routes, env and shutdown: see service.cjs.
import http from 'node:http';
import express from 'express';
import { startService } from './service.cjs';

startService({ express, http });
