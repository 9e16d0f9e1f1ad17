// Manual check, run from the host: node test-kafka.js
const { Kafka } = require('kafkajs');

async function testKafkaConnection() {
  const kafka = new Kafka({
    clientId: 'test-client',
    brokers: ['localhost:9092'],
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.disconnect();
}

testKafkaConnection();
