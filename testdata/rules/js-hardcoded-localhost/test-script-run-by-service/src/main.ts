import { NestFactory } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { AppModule } from './app.module';

async function bootstrap() {
  const kafka = new Kafka({ clientId: 'gw', brokers: [process.env.KAFKA_BROKER] });
  await kafka.producer().connect();
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
bootstrap();
