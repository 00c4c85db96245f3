// The app under test as a CommonJS module: express and http are required.
// Run: PORT=0 DOWNSTREAM_URL=http://127.0.0.1:<port>/ node [-r <register>] apps/express-app.cjs
// Routes, env and shutdown: see service.cjs.
'use strict';

const http = require('node:http');
const express = require('express');
const { startService } = require('./service.cjs');

startService({ express, http });
