// The ESM variant: one module per widget, each registering its one tag — what a vendor's bundler would import.
import './lib/source.js';
import './lib/gauge.js';
import './lib/scorecard.js';
import './lib/trend.js';
