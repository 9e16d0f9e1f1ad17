/** @type {import('next').NextConfig} */
module.exports = {
  async rewrites() {
    return [{ source: "/backend/:path*", destination: `${process.env.NEXT_PUBLIC_API_URL || "http://localhost:3000"}/:path*` }];
  },
};
