// The test-only aliases of the two Express majors share the Express 5 typings.
declare module 'express4' {
  import express = require('express');
  export = express;
}
declare module 'express5' {
  import express = require('express');
  export = express;
}
