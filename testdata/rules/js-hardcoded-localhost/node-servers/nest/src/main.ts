import { NestFactory } from "@nestjs/core";
import { Injectable, Module } from "@nestjs/common";
import axios from "axios";

@Injectable()
export class Prices {
  private readonly http = axios.create({ baseURL: "http://localhost:4000" });
  constructor(private readonly region: string) {}
  async list() { return (await this.http.get("/prices")).data; }
}

@Module({ providers: [Prices] })
class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(5000, "localhost");
}
bootstrap();
