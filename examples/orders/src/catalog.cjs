// The orders the demo knows. Any other id is a regular tea order.
const ORDERS = {
  fail: { sku: 'broken', quantity: 1 },
  slow: { sku: 'slow', quantity: 1 },
};

function findOrder(id) {
  return { id, ...(ORDERS[id] ?? { sku: 'tea-001', quantity: 2 }) };
}

module.exports = { findOrder };
